/* scratch: a training step's gather + X W1 + X^T dY + Adam, 2 threads; times each part (us/step) */
#include "minidl.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
int main(int argc,char**argv){
  int steps=argc>1?atoi(argv[1]):400; const int SRC=60000,B=128,K=784,N=256;
  float* h=malloc((size_t)SRC*K*4); for(size_t i=0;i<(size_t)SRC*K;i++) h[i]=(float)((i*2654435761u)%1000)/1000.f;
  void *src,*x,*w,*y,*dy,*dw,*m,*v;
  mdl_alloc((size_t)SRC*K*4,&src); mdl_copy_to_device(src,h,(size_t)SRC*K*4);
  mdl_alloc(B*K*4,&x); mdl_alloc(K*N*4,&w); mdl_alloc(B*N*4,&y); mdl_alloc(B*N*4,&dy); mdl_alloc(K*N*4,&dw); mdl_alloc(K*N*4,&m); mdl_alloc(K*N*4,&v);
  mdl_fill(MDL_F32,K*N,w,0.01); mdl_fill(MDL_F32,B*N,dy,0.001);
  int32_t idx[B]; srand(3);
  double tg=0,tf=0,tb=0,ta=0;
  for(int s=0;s<steps;s++){
    for(int r=0;r<B;r++) idx[r]=rand()%SRC;
    double t0=now(); mdl_gather_rows(MDL_F32,B,K,src,SRC,idx,x);
    double t1=now(); mdl_gemm(MDL_F32,0,0,B,N,K,1.0,x,w,0.0,y);
    double t2=now(); mdl_gemm(MDL_F32,1,0,K,N,B,1.0,x,dy,0.0,dw);
    double t3=now(); mdl_adam_step(MDL_F32,K*N,1e-3,0.9,0.999,1e-8,s+1,dw,m,v,w);
    double t4=now();
    if(s>=20){tg+=t1-t0;tf+=t2-t1;tb+=t3-t2;ta+=t4-t3;}
  }
  int n=steps-20; printf("gather %.1f  XW1 %.1f  XtdY %.1f  adam %.1f us/step\n",tg/n*1e6,tf/n*1e6,tb/n*1e6,ta/n*1e6);
}
